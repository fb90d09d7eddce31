// Delete account
const deleteAccount = create('/account', 'DELETE')
  .requireAuth()
  .input('confirm', 'boolean')
  .validate('$input.confirm == true', 'Please confirm', 'badRequest')
  .dbRemove('user', { id: '$auth.id' })
  .respond({ deleted: true })
return deleteAccount.build().script
