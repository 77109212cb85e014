window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "teacher@example.org",
      "createdVia" : "web",
      "username" : "ms_teacher",
      "accountId" : "1234567",
      "createdAt" : "2015-08-01T10:00:00.000Z",
      "accountDisplayName" : "Ms Teacher"
    }
  }
]
