const group = createApiGroup('shop', 'shop-v1').description('Shop endpoints');
return group.build().script;
