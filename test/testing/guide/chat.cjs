// The client code under test: joins a chat room and reports what happens.
function joinChat(report) {
  const task = wx.connectSocket({ url: 'wss://chat.example.com/room' });
  task.onOpen(() => task.send({ data: JSON.stringify({ type: 'join' }) }));
  task.onMessage(({ data }) => report(JSON.parse(data).type));
  task.onClose(({ reason }) => report(reason));
  return task;
}
module.exports = { joinChat };
