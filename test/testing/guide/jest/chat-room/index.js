// A custom component: connects when attached, renders what arrives, sends on tap, closes when detached.
Component({
  data: { status: 'connecting', messages: [] },
  lifetimes: {
    attached() {
      this.task = wx.connectSocket({ url: 'wss://chat.example.com/room' });
      this.task.onOpen(() => this.setData({ status: 'open' }));
      this.task.onMessage(({ data }) => this.setData({ messages: [...this.data.messages, data] }));
      this.task.onClose(({ code }) => {
        if (!this.leaving) this.setData({ status: `closed ${code}` });
      });
    },
    detached() {
      this.leaving = true;
      this.task.close({ code: 1000, reason: 'page left' });
    }
  },
  methods: {
    send() {
      this.task.send({ data: 'hello' });
    }
  }
});
