using JasperFx;
using JasperFx.Core;
using JinGong.Domain;
using JinGong.Http.Languages;

namespace JinGong.Orders.Catalogue;

/// <summary>An event of a model's place in the catalogue [产品目录]. OccurredAt is business time (UTC).</summary>
public interface ICatalogueModelEvent
{
    string Model { get; }

    DateTimeOffset OccurredAt { get; }
}

// The events of a model in the catalogue, in the domain's words. Names are its names in the API's other languages
// ({"zh": "90吨纯电动宽体矿卡"}), Name its English one.

/// <summary>The model is sold from now on: listed for the first time, or again after its withdrawal.</summary>
public sealed record ModelListed(string Model, string Category, string Name, IReadOnlyDictionary<string, string> Names, DateTimeOffset OccurredAt)
    : ICatalogueModelEvent;

/// <summary>A listed model was listed again under another category or other names.</summary>
public sealed record ModelListingChanged(string Model, string Category, string Name, IReadOnlyDictionary<string, string> Names, DateTimeOffset OccurredAt)
    : ICatalogueModelEvent;

/// <summary>The model is no longer sold, for the reason given: what names it already keeps it.</summary>
public sealed record ModelWithdrawn(string Model, string Reason, DateTimeOffset OccurredAt) : ICatalogueModelEvent;

/// <summary>A model the company sells, its name in the reader's language.</summary>
public sealed record ProductModel(string Model, string Category, string Name);

/// <summary>
/// A model in the catalogue as its events tell it: what opportunities and orders may name while it is
/// <see cref="Listed"/>. Its stream is <see cref="StreamOf"/>, apart from opportunities' and orders' ids.
/// </summary>
public sealed record CatalogueModel(
    [property: Identity] string Id,
    string Model,
    string Category,
    string Name,
    IReadOnlyDictionary<string, string> Names,
    bool Listed,
    string? WithdrawalReason,
    DateTimeOffset LastOccurredAt) : IEvolving<CatalogueModel>
{
    /// <summary>A model's stream: ':' is in no id (an opportunity's, an order's, a model's code), so it is no other stream's.</summary>
    public static string StreamOf(string model) => $"model:{model}";

    /// <summary>The model as the request's reader reads it: named in their language, in English where it has no name in it.</summary>
    public ProductModel ForReader() => new(Model, Category, Texts.Named(Name, Names));

    /// <summary>The state after one more event (from nothing for the first listing).</summary>
    [JasperFxIgnore]
    public static CatalogueModel? Evolve(CatalogueModel? state, object @event) => (state, @event) switch
    {
        (_, ModelListed listed) => new(StreamOf(listed.Model), listed.Model, listed.Category, listed.Name, listed.Names, true, null, listed.OccurredAt),
        (null, ICatalogueModelEvent) => null,
        (_, ModelListingChanged changed) => state with { Category = changed.Category, Name = changed.Name, Names = changed.Names, LastOccurredAt = changed.OccurredAt },
        (_, ModelWithdrawn withdrawn) => state with { Listed = false, WithdrawalReason = withdrawn.Reason, LastOccurredAt = withdrawn.OccurredAt },
        _ => throw new UnknownEventException(typeof(CatalogueModel), @event),
    };
}

/// <summary>A model of the catalogue as the commands that change it answer, with the stream version it was read at.</summary>
public sealed record CatalogueModelView(
    string Model, string Category, string Name, IReadOnlyDictionary<string, string> Names, bool Listed, string? WithdrawalReason, long Version)
{
    public static CatalogueModelView From(CatalogueModel model, long version) =>
        new(model.Model, model.Category, model.Name, model.Names, model.Listed, model.WithdrawalReason, version);
}
