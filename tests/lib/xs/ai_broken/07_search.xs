query search verb=GET {
  api_group = "search"
  input {
    text q filters=trim|lowercase
    int limit?=10
  }
  stack {
    db.query product {
      where = $db.product.name includes $input.q
      order = [{field: name, direction: asc}]
      paging = {limit: $input.limit, offset: 0}
    } as $products
  }
  response = $products
}
