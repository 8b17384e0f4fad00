// Verbatim from the wx seed (002_2677cdc6de5c8d9a.txt), wx.onSocketError's example.
wx.connectSocket({
  url: 'test.php'
})
wx.onSocketOpen(function(res){
  console.log('WebSocket连接已打开!')
})
wx.onSocketError(function(res){
  console.log('WebSocket连接打开失败,请检查!')
})
