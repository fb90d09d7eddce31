query "products/search" verb=GET {
  input {
    text q filters=trim|lower
  }

  stack {
    db.query product {
      where = $db.product.name includes $input.q
      sort = {product.name: "asc"}
      return = {type: "list", paging: {page: 1, per_page: 50}}
    } as $results
  }

  response = {items: $results.items, total: $results.itemsTotal}
}
