table users {
  id int [pk, auto]
  email text [unique]
  created_at timestamp
}
