namespace JinGong.EventSourcing.Messaging;

/// <summary>
/// A message that builds on another one sent before it by another queue, which this service has not applied yet (a
/// vehicle's status change before its registration). Queues are consumed side by side, so after a broker outage or
/// behind a backlog the other message can be many seconds behind: the bus tries this one again patiently
/// (<see cref="Microsoft.Extensions.Hosting.MessageBusExtensions.ArrivedEarlyPatience"/>) instead of parking it after
/// the few quick tries a failure gets.
/// </summary>
public sealed class ArrivedEarlyException(string message) : Exception(message);
