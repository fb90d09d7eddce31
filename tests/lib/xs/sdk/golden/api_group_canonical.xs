api_group shop {
  canonical = "shop-v1"
}
