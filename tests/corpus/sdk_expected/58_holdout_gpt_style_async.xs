query "products/{product_id}" verb=GET {
  input {
    int product_id
  }

  stack {
    db.get product {
      field_name = "id"
      field_value = $input.product_id
    } as $product

    precondition ($product) {
      error_type = "notfound"
      error = "Product not found"
    }

    db.query review {
      where = $db.review.product_id == $input.product_id
      sort = {review.created_at: "desc"}
      return = {type: "list", paging: {page: 1, per_page: 5}}
    } as $reviews
  }

  response = {product: $product, reviews: $reviews.items}
}
