window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1830000000000000006"
          ],
          "editableUntil" : "2024-09-20T16:30:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "EdChat",
            "indices" : [
              "72",
              "79"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "79"
      ],
      "favorite_count" : "3",
      "id_str" : "1830000000000000006",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1830000000000000006",
      "created_at" : "Fri Sep 20 15:30:00 +0000 2024",
      "favorited" : false,
      "full_text" : "Three things I learned today:\n1. wait time\n2. cold calling\n3. 🧠 #EdChat",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Jane Doe",
            "screen_name" : "jane_doe",
            "indices" : [
              "0",
              "9"
            ],
            "id_str" : "222",
            "id" : "222"
          }
        ],
        "urls" : [
          {
            "url" : "https://t.co/AbC2",
            "expanded_url" : "https://www.edutopia.org/article/think-pair-share/",
            "display_url" : "edutopia.org/article/think-…",
            "indices" : [
              "52",
              "69"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "69"
      ],
      "favorite_count" : "1",
      "in_reply_to_status_id_str" : "1830000000000000099",
      "id_str" : "1830000000000000005",
      "in_reply_to_user_id" : "222",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1830000000000000005",
      "in_reply_to_status_id" : "1830000000000000099",
      "created_at" : "Wed Sep 11 18:45:10 +0000 2024",
      "favorited" : false,
      "full_text" : "@jane_doe Thank you! Same article, still &lt;3 it: https://t.co/AbC2",
      "lang" : "en",
      "in_reply_to_screen_name" : "jane_doe",
      "in_reply_to_user_id_str" : "222"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ],
        "media" : [
          {
            "expanded_url" : "https://twitter.com/ms_teacher/status/1830000000000000004/photo/1",
            "indices" : [
              "0",
              "23"
            ],
            "url" : "https://t.co/MeDiA1",
            "media_url" : "http://pbs.twimg.com/media/GXabc.jpg",
            "id_str" : "1830000000000000777",
            "id" : "1830000000000000777",
            "media_url_https" : "https://pbs.twimg.com/media/GXabc.jpg",
            "sizes" : { },
            "type" : "photo",
            "display_url" : "pic.twitter.com/MeDiA1"
          }
        ]
      },
      "display_text_range" : [
        "0",
        "0"
      ],
      "favorite_count" : "0",
      "id_str" : "1830000000000000004",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1830000000000000004",
      "possibly_sensitive" : false,
      "created_at" : "Tue Sep 10 06:00:00 +0000 2024",
      "favorited" : false,
      "full_text" : "https://t.co/MeDiA1",
      "lang" : "zxx"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "edchat",
            "indices" : [
              "59",
              "66"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Edu Researcher",
            "screen_name" : "edu_researcher",
            "indices" : [
              "3",
              "18"
            ],
            "id_str" : "333",
            "id" : "333"
          }
        ],
        "urls" : [
          {
            "url" : "https://t.co/XyZ",
            "expanded_url" : "https://doi.org/10.1000/xyz123",
            "display_url" : "doi.org/10.1000/xyz123",
            "indices" : [
              "67",
              "83"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "83"
      ],
      "favorite_count" : "0",
      "id_str" : "1830000000000000003",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1830000000000000003",
      "created_at" : "Thu Sep 05 12:00:00 +0000 2024",
      "favorited" : false,
      "full_text" : "RT @edu_researcher: New paper on retrieval practice &amp; spacing #edchat https://t.co/XyZ",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Ms Teacher",
            "screen_name" : "ms_teacher",
            "indices" : [
              "0",
              "11"
            ],
            "id_str" : "1234567",
            "id" : "1234567"
          },
          {
            "name" : "Jane Doe",
            "screen_name" : "jane_doe",
            "indices" : [
              "68",
              "77"
            ],
            "id_str" : "222",
            "id" : "222"
          }
        ],
        "urls" : [
          {
            "url" : "https://t.co/AbC1",
            "expanded_url" : "https://edutopia.org/article/think-pair-share",
            "display_url" : "edutopia.org/article/think-…",
            "indices" : [
              "78",
              "95"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "95"
      ],
      "favorite_count" : "2",
      "in_reply_to_status_id_str" : "1830000000000000001",
      "id_str" : "1830000000000000002",
      "in_reply_to_user_id" : "1234567",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1830000000000000002",
      "in_reply_to_status_id" : "1830000000000000001",
      "created_at" : "Tue Sep 03 16:20:00 +0000 2024",
      "favorited" : false,
      "full_text" : "@ms_teacher Update: it worked!\nStudents talked &gt; listened. Thanks @jane_doe https://t.co/AbC1",
      "lang" : "en",
      "in_reply_to_screen_name" : "ms_teacher",
      "in_reply_to_user_id_str" : "1234567"
    }
  }
]
