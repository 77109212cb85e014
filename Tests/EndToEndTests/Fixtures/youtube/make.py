# Writes takeout.zip: watch-history.json where Google Takeout puts it, beside a file that is
# not the history. Run: python3 make.py
import zipfile

with zipfile.ZipFile("takeout.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [("Takeout/archive_browser.html", b"<html><body>Takeout</body></html>\n"),
                       ("Takeout/YouTube and YouTube Music/history/watch-history.json", open("watch-history.json", "rb").read())]:
        info = zipfile.ZipInfo(name, date_time=(2024, 6, 1, 10, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
