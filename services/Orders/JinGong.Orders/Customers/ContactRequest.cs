using System.Net.Mail;
using JinGong.Http;

namespace JinGong.Orders.Customers;

/// <summary>A contact as a form sends it: a name, and a phone, an e-mail address and a role if known.</summary>
public sealed record ContactRequest(string? Name, string? Phone, string? Email, string? Role)
{
    public const int MaxPhoneLength = 30;
    public const int MaxEmailLength = 254;

    /// <summary>The contact's rules, its fields under <paramref name="prefix"/> (<c>contacts[0].</c>).</summary>
    public FieldErrors Validate(FieldErrors errors, string prefix = "")
    {
        var phone = FieldErrors.Trimmed(Phone);
        var email = FieldErrors.Trimmed(Email);
        return errors
            .Required($"{prefix}name", Name)
            .Check($"{prefix}phone", phone is null || (phone.Length <= MaxPhoneLength && phone.Count(char.IsAsciiDigit) >= 5
                && phone.All(character => char.IsAsciiDigit(character) || character is '+' or '-' or ' ' or '(' or ')')),
                $"A phone number is digits (at least 5), with '+', '-', spaces or brackets, up to {MaxPhoneLength} characters.")
            .Check($"{prefix}email", email is null || (email.Length <= MaxEmailLength && MailAddress.TryCreate(email, out var address) && address.Address == email),
                $"An e-mail address is one address, such as li.na@example.com.")
            .Check($"{prefix}role", FieldErrors.Trimmed(Role) is not { } role || role.Length <= FieldErrors.MaxTextLength, $"A role has at most {FieldErrors.MaxTextLength} characters.");
    }

    /// <summary>The details once checked, trimmed.</summary>
    public ContactDetails Details() => new(Name!.Trim(), FieldErrors.Trimmed(Phone), FieldErrors.Trimmed(Email), FieldErrors.Trimmed(Role));
}
