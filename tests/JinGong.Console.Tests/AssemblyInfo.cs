// The local infrastructure is Debian's PostgreSQL and RabbitMQ: these tests run on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
