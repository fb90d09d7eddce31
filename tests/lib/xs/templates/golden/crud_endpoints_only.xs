query products verb=GET {
  api_group = "shop"
  auth = "user"
  description = "List product records, name descending unless order=asc"

  input {
    int page?=1 filters=min:1
    int per_page?=20 filters=min:1|max:100
    enum order?="desc" {
      values = ["asc", "desc"]
    }
  }

  stack {
    conditional {
      if ($input.order == "asc") {
        db.query product {
          sort = {product.name: "asc"}
          return = {
            type  : "list"
            paging: {page: $input.page, per_page: $input.per_page, totals: true}
          }
        } as $items
      }

      else {
        db.query product {
          sort = {product.name: "desc"}
          return = {
            type  : "list"
            paging: {page: $input.page, per_page: $input.per_page, totals: true}
          }
        } as $items
      }
    }
  }

  response = $items
}
---
query "products/{product_id}" verb=GET {
  api_group = "shop"
  auth = "user"
  description = "Get one product"

  input {
    int product_id filters=min:1
  }

  stack {
    db.get product {
      field_name = "id"
      field_value = $input.product_id
    } as $product

    precondition ($product != null) {
      error_type = "notfound"
      error = "Product not found"
    }
  }

  response = $product
}
---
query products verb=POST {
  api_group = "shop"
  auth = "user"
  description = "Create a product"

  input {
    text name
    decimal price
  }

  stack {
    db.add product {
      data = {name: $input.name, price: $input.price}
    } as $product
  }

  response = $product
}
---
query "products/{product_id}" verb=PATCH {
  api_group = "shop"
  auth = "user"
  description = "Update a product; omitted fields stay as they are"

  input {
    int product_id filters=min:1
    text name?
    decimal price?
  }

  stack {
    db.get product {
      field_name = "id"
      field_value = $input.product_id
    } as $product

    precondition ($product != null) {
      error_type = "notfound"
      error = "Product not found"
    }

    var $changes {
      value = {}
    }

    conditional {
      if ($input.name != null) {
        var.update $changes {
          value = $changes|set:"name":$input.name
        }
      }
    }

    conditional {
      if ($input.price != null) {
        var.update $changes {
          value = $changes|set:"price":$input.price
        }
      }
    }

    db.patch product {
      field_name = "id"
      field_value = $input.product_id
      data = $changes
    } as $updated
  }

  response = $updated
}
---
query "products/{product_id}" verb=DELETE {
  api_group = "shop"
  auth = "user"
  description = "Delete a product"

  input {
    int product_id filters=min:1
  }

  stack {
    db.get product {
      field_name = "id"
      field_value = $input.product_id
    } as $product

    precondition ($product != null) {
      error_type = "notfound"
      error = "Product not found"
    }

    db.del product {
      field_name = "id"
      field_value = $input.product_id
    }
  }

  response = {success: true}
}
