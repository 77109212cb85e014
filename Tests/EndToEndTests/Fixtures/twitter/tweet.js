window.YTD.tweet.part0 = [ {
  "retweeted" : false,
  "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
  "entities" : {
    "hashtags" : [ {
      "text" : "tbt",
      "indices" : [ "38", "42" ]
    }, {
      "text" : "ÜbungMacht",
      "indices" : [ "43", "54" ]
    } ],
    "symbols" : [ ],
    "user_mentions" : [ ],
    "urls" : [ ]
  },
  "display_text_range" : [ "0", "42" ],
  "favorite_count" : "0",
  "id_str" : "1107000000000000001",
  "truncated" : false,
  "retweet_count" : "0",
  "id" : "1107000000000000001",
  "created_at" : "Tue Mar 19 14:05:17 +0000 2019",
  "favorited" : false,
  "full_text" : "Old school: my first year of teaching #tbt #ÜbungMacht",
  "lang" : "en"
} ]
