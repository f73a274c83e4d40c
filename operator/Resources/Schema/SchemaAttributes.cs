namespace Cerby.Operator.Resources.Schema;

// Markers read by CrdGenerator. Plain validation (required, pattern, bounds) uses
// System.ComponentModel.DataAnnotations; these add what OpenAPI needs beyond it.

/// <summary>A CEL rule (<c>x-kubernetes-validations</c>) on the object the attribute decorates.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    /// <summary>The CEL expression; <c>self</c> is the decorated value.</summary>
    public string Rule { get; } = rule;

    /// <summary>The message the API server returns when the rule fails.</summary>
    public string Message { get; } = message;
}

/// <summary>A column <c>kubectl get</c> prints for the kind.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath, string description) : Attribute
{
    /// <summary>Column header.</summary>
    public string Name { get; } = name;

    /// <summary>OpenAPI type of the column: string, integer, date, boolean.</summary>
    public string Type { get; } = type;

    /// <summary>JSONPath of the value, relative to the object.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>What the column shows.</summary>
    public string Description { get; } = description;

    /// <summary>0 shows in the default view; higher shows only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}

/// <summary>Names, short names and categories of a kind.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class KindNamesAttribute(string plural, params string[] shortNames) : Attribute
{
    /// <summary>Lower-case plural used in URLs and by <c>kubectl get</c>.</summary>
    public string Plural { get; } = plural;

    /// <summary>Short names accepted by kubectl.</summary>
    public IReadOnlyList<string> ShortNames { get; } = shortNames;
}

/// <summary>Declares a list as a map keyed by the given fields (<c>x-kubernetes-list-type: map</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapKeysAttribute(params string[] keys) : Attribute
{
    /// <summary>The fields that identify an item.</summary>
    public IReadOnlyList<string> Keys { get; } = keys;
}

/// <summary>Declares a list whose items are unique scalars (<c>x-kubernetes-list-type: set</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListSetAttribute : Attribute;

/// <summary>A string format for OpenAPI (e.g. <c>date-time</c>, <c>email</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FormatAttribute(string format) : Attribute
{
    /// <summary>The OpenAPI format name.</summary>
    public string Format { get; } = format;
}

/// <summary>Publishes the property's C# initializer value as the schema <c>default</c>, so the API server fills it in.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultedAttribute : Attribute;
