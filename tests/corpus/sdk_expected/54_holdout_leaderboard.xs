query leaderboard verb=GET {
  input {
    int limit?=10 filters=min:1|max:100
  }

  stack {
    db.query score {
      sort = {score.points: "desc"}
      return = {type: "list", paging: {page: 1, per_page: $input.limit}}
    } as $top

    var $ranked {
      value = $top.items
    }
  }

  response = {entries: $ranked, generated_at: "now"}
}
