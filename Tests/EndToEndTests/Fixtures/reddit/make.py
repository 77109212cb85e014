# Writes export.zip: the CSVs of export/ side by side at the top of the zip, as Reddit sends
# them. Run: python3 make.py
import zipfile

with zipfile.ZipFile("export.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for name in ["comments.csv", "posts.csv", "saved_comments.csv", "saved_posts.csv", "statistics.csv"]:
        info = zipfile.ZipInfo(name, date_time=(2024, 6, 1, 10, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, open("export/" + name, "rb").read())
