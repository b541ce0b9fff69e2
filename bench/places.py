"""What placing places costs (issue 19): the GeoNames indexes and `views.map_points` on 200,000 mentions.

    PYTHONPATH=$PWD .venv/bin/python bench/places.py

Synthetic mentions naming 10 places (registry places, capitals, cities GeoNames has in two countries such as
Paris and Moscow, one unknown name), each naming RUS or USA; CPU seconds (the machine is shared).
"""
import time
import numpy as np, pandas as pd
from pipeline.explore import views
from pipeline.explore.places import gazetteer, _geonames, _other_names
from pipeline.registry import place_coordinates
rng = np.random.default_rng(0)
names = ["Moscow", "Ankara", "Paris", "Shusha", "Khartoum", "Niamey", "Nowhere Qq", "Sochi", "Baku", "Yerevan"]
n = 200_000
frame = pd.DataFrame({"cluster_id": [f"c{i%50000}" for i in range(n)],
                      "locations": [[names[i % 10], names[(i * 7) % 10]] for i in range(n)],
                      "headline": ["h"] * n, "countries": [["RUS"] if i % 3 else ["USA"] for i in range(n)]})
t = time.process_time(); _geonames(); print("geonames city index (once per process): %.2f s CPU" % (time.process_time() - t))
t = time.process_time(); _other_names(); print("alternate-name index (once, on first miss): %.2f s CPU" % (time.process_time() - t))
g = gazetteer()
t = time.process_time(); p = views.map_points(frame, g); print("map_points 200k mentions, gazetteer: %.2f s CPU, %d places" % (time.process_time() - t, len(p)))
d = place_coordinates()
t = time.process_time(); p = views.map_points(frame, d); print("map_points 200k mentions, plain registry dict: %.2f s CPU, %d places" % (time.process_time() - t, len(p)))
