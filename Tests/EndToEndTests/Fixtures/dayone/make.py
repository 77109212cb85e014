# Writes dayone-export.zip as Day One's JSON export is laid out: Journal.json at the top and
# the photos it names under photos/<md5>.<type> (stand-in bytes). Run: python3 make.py
import zipfile

with zipfile.ZipFile("dayone-export.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [("Journal.json", open("Journal.json", "rb").read()),
                       ("photos/0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e.jpeg", b"\xff\xd8\xff\xe0not really a jpeg\xff\xd9"),
                       ("photos/1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f.png", b"\x89PNG\r\n\x1a\nnot really a png")]:
        info = zipfile.ZipInfo(name, date_time=(2024, 6, 1, 10, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
