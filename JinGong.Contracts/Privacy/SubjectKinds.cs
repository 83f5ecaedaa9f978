namespace JinGong.Contracts.Privacy;

/// <summary>The kinds of subject a person may ask the company about: a person of the roster, a customer's contact.</summary>
public static class SubjectKinds
{
    public const string Person = "person";
    public const string CustomerContact = "customer-contact";

    public static readonly IReadOnlyList<string> All = [Person, CustomerContact];
}
