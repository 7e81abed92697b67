from twisted.internet import reactor
from twisted.internet.protocol import Factory, Protocol

class EchoProtocol(Protocol):
    def dataReceived(self, data):
        self.transport.write(data)  # 回射接收到的数据

class EchoFactory(Factory):
    def buildProtocol(self, addr):
        return EchoProtocol()  # 实例化EchoProtocol对象

reactor.listenTCP(1234, EchoFactory())  # 监听端口1234
reactor.run()  # 进入事件循环
