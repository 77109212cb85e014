window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "id_str" : "1830000000000000502",
      "created_at" : "yesterday",
      "full_text" : "This one has no proper date",
      "entities" : { "hashtags" : [ ], "user_mentions" : [ ], "urls" : [ ] }
    }
  },
  {
    "tweet" : {
      "id_str" : "1830000000000000501",
      "created_at" : "Mon Sep 02 07:15:00 +0000 2024",
      "full_text" : "A fine tweet",
      "entities" : { "hashtags" : [ ], "user_mentions" : [ ], "urls" : [ ] }
    }
  }
]
