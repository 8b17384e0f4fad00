// Verbatim from the tt seed (001_5e5ff355987f2b5f.txt), "代码示例": the page script.
let socketTask;
Page({
  data: {
    inputValue: "",
  },
  socketConnect() {
    // 如果已经创建,就不再创建了
    if (socketTask) {
      return;
    }
    socketTask = tt.connectSocket({
      url: "wss://someurl",
      success: (res) => {
        // 创建成功的回调
        console.log("创建成功", res);
      },
      fail: (res) => {
        // 创建失败的回调
        console.log("创建失败", res);
      },
      complete: (res) => {
        // 创建完毕的回调
        console.log("创建完毕", res);
      },
    });

    socketTask.onOpen(() => {
      // 此时表示 websocket 已经处于 open 状态
      console.log("WebSocket 已连接");
    });

    socketTask.onClose(() => {
      // 此时表示 websocket 已经处于 closed 状态
      console.log("WebSocket 已断开");
    });

    socketTask.onError((error) => {
      // 此处表示 websocket 有错误发生
      console.error("WebSocket 发生错误:", error);
    });

    socketTask.onMessage((message) => {
      // 每次 WebSocket 发送的信息
      console.log("socket message:", message);
    });
  },
  closeSocket() {
    // 主动关闭 websocket 连接
    console.log("---- close");
    if (socketTask) {
      socketTask.close({
        success: (res) => {
          // 关闭成功的回调
          console.log("close success", res);
        },
        fail: (res) => {
          // 关闭失败的回调
          console.log("close fail", res);
        },
      });
    }
  },
  sendSocket() {
    // 向 websocket 发送信息
    console.log("---- send", this.data.inputValue);
    if (socketTask) {
      // send 发送的数据必须是 object类型
      socketTask.send({
        // 具体发送的数据的 key 必须是 data
        data: this.data.inputValue,
        success: (res) => {
          // 发送成功的回调
          console.log("send success", res);
        },
        fail: (res) => {
          // 发送失败的回调
          console.log("send fail", res);
        },
      });
    }
  },
  inputChange(e) {
    this.setData({
      inputValue: e.detail.value,
    });
  },
});
