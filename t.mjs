const r = await fetch('http://127.0.0.1:19001/', {method:'POST', body:'hi'});
console.log([...r.headers]);
try { r.headers.delete('keep-alive'); console.log('deleted', [...r.headers]); } catch (e) { console.log('err', e.message); }
