# Writes posts_1.json the way Instagram does (ASCII only, every UTF-8 byte of a non-ASCII
# character escaped on its own, \u00c3\u00a9 for é) and instagram-export.zip holding it as
# your_instagram_activity/content/posts_1.json. Run: python3 make.py
import json, zipfile

def ig(value):
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [ig(v) for v in value]
    if isinstance(value, dict):
        return {k: ig(v) for k, v in value.items()}
    return value

posts = [
    {"media": [{"uri": "media/posts/202303/17900000000000001.jpg", "creation_timestamp": 1679900000,
                "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 52.5, "longitude": 13.4}]}},
                "title": "Gallery walk in 9b \U0001F5BC\uFE0F — thanks @ana.lopez & @mia_teaches!\n#ELL #Peer-Feedback #2023",
                "cross_post_source": {"source_app": "FB"}}]},
    {"media": [{"uri": "media/posts/202304/17900000000000002.jpg", "creation_timestamp": 1680500000, "title": ""},
               {"uri": "media/posts/202304/17900000000000003.mp4", "creation_timestamp": 1680500000, "title": ""}],
     "title": "Carousel: exit tickets, sorted by answer. Café talk with @jonas_weiss. Slides: https://example.org/exit-tickets. mail: me@example.org",
     "creation_timestamp": 1680500005},
    {"media": [{"uri": "media/posts/202305/17900000000000004.jpg", "creation_timestamp": 1683000000, "title": ""}]},
    {"media": []},
]
with open("posts_1.json", "w", encoding="ascii") as f:
    json.dump(ig(posts), f, indent=2, ensure_ascii=True)
    f.write("\n")
with zipfile.ZipFile("instagram-export.zip", "w", zipfile.ZIP_DEFLATED) as z:
    info = zipfile.ZipInfo("your_instagram_activity/content/posts_1.json", date_time=(2024, 6, 1, 10, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, open("posts_1.json", "rb").read())
