query list verb=GET {
  input {
    int page?=1 filters=min:1
    int per_page?=20 filters=min:1|max:100
    text? q? filters=trim|lower
  }

  stack {
  }

  response = $input.page
}
