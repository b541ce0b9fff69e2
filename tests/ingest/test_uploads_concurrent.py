"""Uploads never lose a file when analysts upload at once (issue 17: 20 uploads of one name kept 3 to 7 files,
and every upload reported "stored")."""
import threading

from pipeline.ingest.uploads import store_upload


def _at_once(n, job):
    barrier, results, errors = threading.Barrier(n), [None] * n, []

    def run(i):
        barrier.wait()
        try:
            results[i] = job(i)
        except Exception as exc:  # collected: the test names it
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


def test_twenty_analysts_uploading_one_name_keep_twenty_files(tmp_path):
    for _round in range(5):  # a race shows only sometimes: several rounds of 20
        corpus = tmp_path / f"corpus{_round}"
        corpus.mkdir()
        texts = [f"Article {i}: troops crossed the border on 3 March 2020.\n".encode() * 200 for i in range(20)]
        stored = _at_once(20, lambda i: store_upload(corpus, "report.txt", texts[i]))
        files = sorted(p for p in corpus.iterdir())
        assert len(files) == 20 and all(not p.name.startswith(".") for p in files)  # no temporary file left
        assert sorted(p.read_bytes() for p in files) == sorted(texts)
        assert {s.path for s in stored} == set(files) and not any(s.replaced for s in stored)
        assert {s.path.read_bytes() for s in stored} == set(texts)  # each upload names the file holding its bytes


def test_the_same_bytes_uploaded_at_once_are_kept_once(tmp_path):
    data = b"Troops crossed the border on 3 March 2020.\n"
    stored = _at_once(10, lambda i: store_upload(tmp_path, "same.txt", data))
    assert [p.name for p in tmp_path.iterdir()] == ["same.txt"]
    assert sum(not s.replaced for s in stored) == 1
