# Writes mydata.zip: chat_history.json where Snapchat's "My Data" export puts it (json/),
# beside a file that is not the chat history. Run: python3 make.py
import zipfile

with zipfile.ZipFile("mydata.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [("index.html", b"<html><body>My Data</body></html>\n"),
                       ("json/chat_history.json", open("chat_history.json", "rb").read())]:
        info = zipfile.ZipInfo(name, date_time=(2024, 6, 1, 10, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
