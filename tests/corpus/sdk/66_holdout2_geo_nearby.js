const nearby = create('stores/nearby', 'GET')
  .input('lat', 'decimal')
  .input('lng', 'decimal')
  .input('radius_km', 'decimal', { default: 5 })
  .dbQuery('store', { where: '$db.store.location|within:$input.lat:$input.lng:($input.radius_km * 1000)' }, 'stores')
  .response('$stores');
return nearby.build().script;
