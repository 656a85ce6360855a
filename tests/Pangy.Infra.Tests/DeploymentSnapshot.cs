using System.Text.Json;

namespace Pangy.Infra.Tests;

/// <summary>
/// The committed <c>bicep snapshot</c> of the example lab (infra/bicep/main.snapshot.json): every resource the
/// templates would deploy, with the values known before deployment and ARM expressions for the rest.
/// </summary>
public sealed class DeploymentSnapshot
{
    private static readonly Lazy<DeploymentSnapshot> Committed = new(() => new DeploymentSnapshot(File.ReadAllText(InfraFiles.Snapshot)));

    private readonly JsonElement _root;

    private DeploymentSnapshot(string json)
    {
        Text = json;
        _root = JsonDocument.Parse(json).RootElement;
        Resources = _root.GetProperty("predictedResources").EnumerateArray().ToList();
    }

    /// <summary>The snapshot of main.bicepparam that the repository holds (checked against the templates elsewhere).</summary>
    public static DeploymentSnapshot Load() => Committed.Value;

    /// <summary>The snapshot's text.</summary>
    public string Text { get; }

    public IReadOnlyList<JsonElement> Resources { get; }

    public JsonElement Outputs => _root.GetProperty("outputs");

    public IReadOnlyList<JsonElement> OfType(string type) =>
        Resources.Where(r => r.GetProperty("type").GetString() == type).ToList();

    /// <summary>The one resource of a type and name (a child's name is "parent/child").</summary>
    public JsonElement Single(string type, string name)
    {
        var found = OfType(type).Where(r => Name(r) == name).ToList();
        Assert.True(found.Count == 1, $"expected one {type} named {name}, found {found.Count}");
        return found[0];
    }

    public static string Name(JsonElement resource) => resource.GetProperty("name").GetString()!;
    public static string Id(JsonElement resource) => resource.GetProperty("id").GetString()!;

    /// <summary>The Function apps (Microsoft.Web/sites).</summary>
    public IReadOnlyList<JsonElement> Sites => OfType("Microsoft.Web/sites");

    /// <summary>The site whose name starts "pangy-{lab}-{appKey}-".</summary>
    public JsonElement Site(string appKey)
    {
        var found = Sites.Where(s => Name(s).Contains($"-{appKey}-", StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 1, $"expected one site for the {appKey} app, found {found.Count}");
        return found[0];
    }

    /// <summary>A <c>Microsoft.Web/sites/config</c> section of a site (appsettings, azurestorageaccounts, authsettingsV2).</summary>
    public JsonElement? SiteConfig(JsonElement site, string section) =>
        OfType("Microsoft.Web/sites/config").Where(r => Name(r) == $"{Name(site)}/{section}")
            .Select(r => (JsonElement?)r.GetProperty("properties")).SingleOrDefault();

    /// <summary>A site's app settings, name → value (ARM expressions stay as text).</summary>
    public IReadOnlyDictionary<string, string> AppSettings(JsonElement site)
    {
        var settings = SiteConfig(site, "appsettings");
        Assert.True(settings is not null, $"{Name(site)} has no appsettings");
        return settings.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    /// <summary>The one storage account holding a blob container of this name.</summary>
    public JsonElement AccountWithContainer(string container)
    {
        var accounts = OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Where(c => Name(c).EndsWith("/default/" + container, StringComparison.Ordinal))
            .Select(c => Name(c).Split('/')[0]).Distinct().ToList();
        Assert.True(accounts.Count == 1, $"expected one account with container {container}, found {accounts.Count}");
        return Single("Microsoft.Storage/storageAccounts", accounts[0]);
    }

    /// <summary>Names of the children of an account's service (queues, tables, containers, shares).</summary>
    public IReadOnlyList<string> ChildNames(string accountName, string childType) =>
        OfType(childType).Select(Name).Where(n => n.StartsWith(accountName + "/default/", StringComparison.Ordinal))
            .Select(n => n[(accountName.Length + "/default/".Length)..]).Order(StringComparer.Ordinal).ToList();

    /// <summary>Role assignments whose principal is the given resource's identity (matched on its id), with their scopes.</summary>
    public IReadOnlyList<(string Scope, string Role)> RoleAssignmentsOf(string principalResourceId) =>
        OfType("Microsoft.Authorization/roleAssignments")
            .Where(r => r.GetProperty("properties").GetProperty("principalId").GetString()!
                .Contains($"'{principalResourceId}'", StringComparison.Ordinal))
            .Select(r =>
            {
                string id = Id(r);
                string scope = id[..id.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.Ordinal)];
                string role = r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Split('/')[^1];
                return (scope, role);
            }).ToList();

    /// <summary>Every string in the snapshot with its JSON path, resources named by type and name.</summary>
    public IEnumerable<(string Path, string Value)> Strings()
    {
        foreach (var r in Resources)
            foreach (var s in StringsIn(r, $"{r.GetProperty("type").GetString()} {Name(r)}"))
                yield return s;
        foreach (var s in StringsIn(Outputs, "outputs"))
            yield return s;
    }

    private static IEnumerable<(string, string)> StringsIn(JsonElement e, string path)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                yield return (path, e.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    // A property name is a string too (app setting names, for one).
                    yield return ($"{path}.{p.Name} (name)", p.Name);
                    foreach (var s in StringsIn(p.Value, $"{path}.{p.Name}")) yield return s;
                }
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in e.EnumerateArray())
                    foreach (var s in StringsIn(item, $"{path}[{i++}]")) yield return s;
                break;
        }
    }
}
