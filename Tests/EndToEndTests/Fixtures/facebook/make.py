# Writes your_posts_1.json the way Facebook does: ASCII only, every UTF-8 byte of a
# non-ASCII character escaped on its own (\u00c3\u00a9 for é). Run: python3 make.py
import json, zipfile

def fb(value):
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [fb(v) for v in value]
    if isinstance(value, dict):
        return {k: fb(v) for k, v in value.items()}
    return value

posts = [
    {"timestamp": 1704067200,
     "data": [{"post": "Tried think-pair-share with my Year 9s \U0001F389 — café-style tables.\nNext: #ELL #Speaking, notes at https://example.org/tps."},
              {"update_timestamp": 1704067300}],
     "title": "Mia Schmidt updated her status.",
     "tags": ["Ana López", "Jonas Weiß"]},
    {"timestamp": 1704153600,
     "attachments": [{"data": [{"external_context": {"url": "https://www.edutopia.org/article/wait-time", "name": "Wait Time: Why 3 Seconds Matter"}}]}],
     "data": [{"post": "Worth a read for anyone who asks questions all day."}],
     "title": "Mia Schmidt shared a link.",
     "tags": [{"name": "Ana López"}]},
    {"timestamp": 1704240000,
     "attachments": [{"data": [{"media": {"uri": "your_facebook_activity/posts/media/Photos/photo_1.jpg", "creation_timestamp": 1704239990,
                                          "description": "Our SÃO PAULO exchange wall",
                                          "media_metadata": {"photo_metadata": {"exif_data": [{"iso": 100}]}}}}]}],
     "data": [{"post": "Our SÃO PAULO exchange wall"}],
     "title": "Mia Schmidt added a new photo."},
    {"timestamp": 1704326400,
     "data": [{"update_timestamp": 1704326400}],
     "title": "Mia Schmidt updated her profile picture."},
    {"timestamp": 1704412800,
     "attachments": [{"data": [{"external_context": {"url": ""}}]}],
     "title": "Mia Schmidt shared a post."},
    {"timestamp": 1704499200,
     "attachments": [{"data": [{"media": {"uri": "your_facebook_activity/posts/media/Photos/photo_2.jpg", "creation_timestamp": 1704499100,
                                          "description": "Gallery walk, round two 🖼️"}},
                               {"place": {"name": "Gymnasium Süd", "coordinate": {"latitude": 48.1, "longitude": 11.5}}}]}],
     "title": "Mia Schmidt added a new photo."},
]
with open("your_posts_1.json", "w", encoding="ascii") as f:
    json.dump(fb(posts), f, indent=2, ensure_ascii=True)
    f.write("\n")
with zipfile.ZipFile("facebook-export.zip", "w", zipfile.ZIP_DEFLATED) as z:
    info = zipfile.ZipInfo("your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json", date_time=(2024, 6, 1, 10, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, open("your_posts_1.json", "rb").read())
