query products verb=GET {
  input {
    text category?
    int page?=1
    int limit?=25
  }

  stack {
    db.query product {
      where = $db.product.category ==? $input.category
      sort = {product.created_at: "desc"}
      return = {
        type  : "list"
        paging: {page: $input.page, per_page: $input.limit}
      }
    } as $products
  }

  response = $products
}
