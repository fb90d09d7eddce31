api_group "Shop Admin" {
  canonical = "shop-admin"
  description = "Admin endpoints"
  tags = ["admin"]
}
