namespace JinGong.Contracts.Knowledge;

/// <summary>
/// The knowledge base, which keeps a copy of orders' catalogue, asks for all of it: a service that joins a running
/// system (or starts before orders did) missed the listings published before its queue was bound. Orders answers with
/// <see cref="Orders.CatalogueShown"/>. <paramref name="RequestedBy"/> names the service, for the logs. Version 1.
/// </summary>
public sealed record CatalogueRequested(string RequestedBy, DateTimeOffset OccurredAt);
