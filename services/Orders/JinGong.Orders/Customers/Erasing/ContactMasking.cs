using System.Text.Json.Nodes;

namespace JinGong.Orders.Customers.Erasing;

/// <summary>
/// What a contact's erasure changes in a customer's stored events: in each event that holds the contact (added or
/// changed), its name becomes the pseudonym and its phone and e-mail are cleared; its role (a job, not a person) and every
/// id stay. Applied to the JSON as stored, whatever version of the event it is.
/// </summary>
public static class ContactMasking
{
    /// <summary>The stored events that hold a contact's details.</summary>
    public static readonly IReadOnlySet<string> HoldingContacts = new HashSet<string>(StringComparer.Ordinal)
    {
        "customer_contact_added_v1", "customer_contact_changed_v1",
    };

    /// <summary>The personal values <paramref name="data"/> holds of contact <paramref name="contactId"/>: what erasing it removes.</summary>
    public static IEnumerable<string> ValuesOf(string type, JsonObject data, string contactId) =>
        Contact(type, data, contactId) is { } contact
            ? new[] { "Name", "Phone", "Email" }.Select(field => contact[field]?.GetValue<string>()).OfType<string>()
            : [];

    /// <summary>Masks contact <paramref name="contactId"/> in <paramref name="data"/>; true when it held it unmasked.</summary>
    public static bool Mask(string type, JsonObject data, string contactId, string pseudonym)
    {
        if (Contact(type, data, contactId) is not { } contact
            || (contact["Name"]?.GetValue<string>() == pseudonym && contact["Phone"] is null && contact["Email"] is null))
        {
            return false;
        }

        contact["Name"] = pseudonym;
        contact["Phone"] = null;
        contact["Email"] = null;
        return true;
    }

    private static JsonObject? Contact(string type, JsonObject data, string contactId) =>
        HoldingContacts.Contains(type) && data["Contact"] is JsonObject contact && contact["ContactId"]?.GetValue<string>() == contactId ? contact : null;
}
