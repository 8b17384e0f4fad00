// Verbatim from the swan seed (004_b75e9c9f9d6ef6dc.txt).
swan.connectSocket({
    url: 'wss://example.baidu.com'
});
