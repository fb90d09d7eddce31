api_group shop {
  canonical = "shop-v1"
  description = "Shop endpoints"
}
