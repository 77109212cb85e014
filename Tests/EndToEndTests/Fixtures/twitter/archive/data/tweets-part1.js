window.YTD.tweets.part1 = [
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "ELL",
            "indices" : [
              "42",
              "46"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "76"
      ],
      "favorite_count" : "5",
      "id_str" : "1830000000000000001",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1830000000000000001",
      "created_at" : "Mon Sep 02 07:15:00 +0000 2024",
      "favorited" : false,
      "full_text" : "Trying think-pair-share with my #ELL class tomorrow 🎉 Fish &amp; chips after",
      "lang" : "en"
    }
  }
]
