namespace JinGong.EventSourcing;

/// <summary>Names of the activity sources and meters the dashboard listens to.</summary>
public static class TelemetrySources
{
    public const string MartenSource = "Marten";
    public const string MassTransitSource = "MassTransit";
    public const string PublishingSource = "JinGong.Publishing";
}
