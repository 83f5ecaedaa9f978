namespace JinGong.ServiceDefaults;

/// <summary>This service as an actor: what events it causes on its own (from a bus message) name as their user.</summary>
public sealed record ServiceIdentity(string Name);
