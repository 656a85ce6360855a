using Pangy.Core.Pipeline;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pangy.Infra.Tests;

/// <summary>What must hold of the deployment, read from the committed snapshot of the example lab.</summary>
public sealed partial class SnapshotTests
{
    private static readonly string[] AppKeys = ["ingest", "skeleton", "query"];
    private readonly DeploymentSnapshot _snapshot = DeploymentSnapshot.Load();

    private JsonElement MainAccount => _snapshot.AccountWithContainer(PipelineNames.UploadsContainer);
    private string MainAccountName => DeploymentSnapshot.Name(MainAccount);
    private string MainAccountId => DeploymentSnapshot.Id(MainAccount);

    private static string IdentityOf(JsonElement site)
    {
        var identity = site.GetProperty("identity");
        Assert.Equal("UserAssigned", identity.GetProperty("type").GetString());
        return Assert.Single(identity.GetProperty("userAssignedIdentities").EnumerateObject()).Name;
    }

    [Fact]
    public void The_lab_has_exactly_the_three_pipeline_apps()
    {
        Assert.Equal(3, _snapshot.Sites.Count);
        foreach (string key in AppKeys) _snapshot.Site(key);
    }

    [Fact]
    public void Every_app_runs_as_its_own_identity_and_connects_to_storage_with_it()
    {
        var identities = new HashSet<string>();
        foreach (string key in AppKeys)
        {
            var site = _snapshot.Site(key);
            string identity = IdentityOf(site);
            Assert.True(identities.Add(identity), $"{key} shares its identity with another app");
            var settings = _snapshot.AppSettings(site);
            string clientId = $"reference('{identity}', '2023-01-31').clientId";
            foreach (string connection in new[] { PipelineNames.Connection, "AzureWebJobsStorage" })
            {
                Assert.Equal("managedidentity", settings[$"{connection}__credential"]);
                Assert.Contains(clientId, settings[$"{connection}__clientId"]);
                foreach (string service in new[] { "blob", "queue", "table" })
                    Assert.Equal($"[reference('{MainAccountId}', '2024-01-01').primaryEndpoints.{service}]",
                        settings[$"{connection}__{service}ServiceUri"]);
                // An identity-based connection has no plain form beside it (which would win over the identity).
                Assert.False(settings.ContainsKey(connection), $"{key} has a plain {connection} setting");
            }
            Assert.Contains(clientId, settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
            Assert.StartsWith("[format('ClientId={0};Authorization=AAD'", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);

            // Flex reads the app's package with the same identity, from the app's own container.
            var deployment = site.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage");
            Assert.Equal("UserAssignedIdentity", deployment.GetProperty("authentication").GetProperty("type").GetString());
            Assert.Equal(identity, deployment.GetProperty("authentication").GetProperty("userAssignedIdentityResourceId").GetString());
            Assert.EndsWith($".primaryEndpoints.blob, 'app-package-{key}')]", deployment.GetProperty("value").GetString());
        }
    }

    [Fact]
    public void Nothing_but_the_share_mount_carries_a_key_a_sas_or_a_connection_string()
    {
        var offending = _snapshot.Strings()
            .Where(s => s.Path.EndsWith(" (name)", StringComparison.Ordinal) ? CredentialName().IsMatch(s.Value) : CredentialValue().IsMatch(s.Value))
            .Where(s => !Allowed(s.Path, s.Value))
            .Select(s => $"{s.Path}: {s.Value}").ToList();
        Assert.True(offending.Count == 0, "credentials outside the share mount:\n" + string.Join('\n', offending));

        // The one key: each app's mount, read with listKeys() from the share's own account.
        var keys = _snapshot.Strings().Where(s => s.Value.Contains("listKeys(", StringComparison.Ordinal)).ToList();
        Assert.Equal(AppKeys.Length, keys.Count);
        Assert.All(keys, k => Assert.EndsWith(".properties.datastore.accessKey", k.Path));

        // Application Insights' connection string is no credential only because key ingestion is off.
        var appInsights = Assert.Single(_snapshot.OfType("Microsoft.Insights/components"));
        Assert.True(appInsights.GetProperty("properties").GetProperty("DisableLocalAuth").GetBoolean());

        // No secure parameter and no output a secret could pass through.
        Assert.DoesNotContain(_snapshot.Outputs.EnumerateObject(), o => CredentialName().IsMatch(o.Name));
        foreach (string source in InfraFiles.BicepSources.Append(InfraFiles.ExampleParameters))
        {
            var code = File.ReadLines(source).Select(l => l.Split("//")[0]).ToList();
            Assert.DoesNotContain(code, l => l.Contains("@secure", StringComparison.Ordinal));
            Assert.DoesNotContain(code, l => Regex.IsMatch(l, @"^\s*param\s+\w*(key|secret|password|sas|connection)", RegexOptions.IgnoreCase));
            Assert.DoesNotContain(code, l => Regex.IsMatch(l, @"^\s*output\s+\w*(key|secret|password|sas|connection)", RegexOptions.IgnoreCase));
            Assert.DoesNotContain(code, l => Regex.IsMatch(l, @"list(Account|Service)Sas|listConnectionStrings|AccountKey=", RegexOptions.IgnoreCase));
        }
    }

    // The exceptions, each for a reason: the share mount's key (SMB takes nothing else); Application Insights'
    // connection string (an ingestion address, no credential once local authentication is off, checked above);
    // the name of the auth setting that holds the identity's client id (no secret: checked by the auth test).
    private bool Allowed(string path, string value)
    {
        const string mountKey = "/azurestorageaccounts.properties.datastore.accessKey";
        if (path.EndsWith(mountKey + " (name)", StringComparison.Ordinal)) return true;
        if (path.EndsWith(mountKey, StringComparison.Ordinal))
            return value == $"[listKeys('{DeploymentSnapshot.Id(ShareAccount)}', '2024-01-01').keys[0].value]";
        string appInsights = DeploymentSnapshot.Id(Assert.Single(_snapshot.OfType("Microsoft.Insights/components")));
        if (path.EndsWith("/appsettings.properties.APPLICATIONINSIGHTS_CONNECTION_STRING (name)", StringComparison.Ordinal)) return true;
        if (path.EndsWith("/appsettings.properties.APPLICATIONINSIGHTS_CONNECTION_STRING", StringComparison.Ordinal))
            return value == $"[reference('{appInsights}', '2020-02-02').ConnectionString]";
        return path.EndsWith("/authsettingsV2.properties.identityProviders.azureActiveDirectory.registration.clientSecretSettingName (name)", StringComparison.Ordinal);
    }

    private JsonElement ShareAccount
    {
        get
        {
            var share = Assert.Single(_snapshot.OfType("Microsoft.Storage/storageAccounts/fileServices/shares"));
            return _snapshot.Single("Microsoft.Storage/storageAccounts", DeploymentSnapshot.Name(share).Split('/')[0]);
        }
    }

    // A value that is or reads a credential: key listings, SAS, account keys, connection strings, instrumentation keys.
    [GeneratedRegex(@"listKeys\(|list\w*Sas\(|listConnectionStrings|\.keys\[|primaryKey|secondaryKey|sig=|SharedAccessSignature|AccountKey=|DefaultEndpointsProtocol|InstrumentationKey=|\.ConnectionString\b", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialValue();

    // A property or setting name that would hold one.
    [GeneratedRegex(@"key$|^key|secret|password|sas(token|url)?$|connection_?string|__accountKey", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialName();

    [Fact]
    public void The_main_account_takes_no_shared_key_and_serves_no_public_blob()
    {
        var properties = MainAccount.GetProperty("properties");
        Assert.Equal("StorageV2", MainAccount.GetProperty("kind").GetString());
        Assert.False(properties.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(properties.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", properties.GetProperty("minimumTlsVersion").GetString());
        Assert.True(properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        foreach (var container in _snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"))
            Assert.Equal("None", container.GetProperty("properties").GetProperty("publicAccess").GetString());

        // The share's key-using account is another account, holding nothing but the share.
        Assert.NotEqual(MainAccountName, DeploymentSnapshot.Name(ShareAccount));
        Assert.Empty(_snapshot.ChildNames(DeploymentSnapshot.Name(ShareAccount), "Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.False(ShareAccount.GetProperty("properties").GetProperty("allowBlobPublicAccess").GetBoolean());
    }

    [Fact]
    public void The_pipeline_containers_queues_poison_queues_and_status_table_exist()
    {
        var containers = _snapshot.ChildNames(MainAccountName, "Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Contains(PipelineNames.UploadsContainer, containers);
        Assert.Contains(PipelineContract.AssetsContainer, containers);
        foreach (string key in AppKeys) Assert.Contains($"app-package-{key}", containers);

        var queues = _snapshot.ChildNames(MainAccountName, "Microsoft.Storage/storageAccounts/queueServices/queues");
        var expected = PipelineNames.Queues.SelectMany(q => new[] { q, PipelineNames.PoisonQueue(q) }).Order(StringComparer.Ordinal);
        Assert.Equal(expected, queues);

        Assert.Equal([PipelineNames.StatusTable],
            _snapshot.ChildNames(MainAccountName, "Microsoft.Storage/storageAccounts/tableServices/tables"));
    }

    [Fact]
    public void Blob_created_events_of_uploads_only_reach_the_upload_queue_with_the_topics_own_identity()
    {
        var topic = Assert.Single(_snapshot.OfType("Microsoft.EventGrid/systemTopics"));
        Assert.Equal(MainAccountId, topic.GetProperty("properties").GetProperty("source").GetString());
        Assert.Equal("Microsoft.Storage.StorageAccounts", topic.GetProperty("properties").GetProperty("topicType").GetString());
        Assert.Equal("SystemAssigned", topic.GetProperty("identity").GetProperty("type").GetString());

        var subscription = Assert.Single(_snapshot.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions")).GetProperty("properties");
        var filter = subscription.GetProperty("filter");
        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter.GetProperty("includedEventTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal($"/blobServices/default/containers/{PipelineNames.UploadsContainer}/", filter.GetProperty("subjectBeginsWith").GetString());
        Assert.False(subscription.TryGetProperty("destination", out _), "delivery must use the topic's identity, not a plain destination");
        var delivery = subscription.GetProperty("deliveryWithResourceIdentity");
        Assert.Equal("SystemAssigned", delivery.GetProperty("identity").GetProperty("type").GetString());
        var destination = delivery.GetProperty("destination");
        Assert.Equal("StorageQueue", destination.GetProperty("endpointType").GetString());
        Assert.Equal(MainAccountId, destination.GetProperty("properties").GetProperty("resourceId").GetString());
        Assert.Equal(PipelineNames.UploadsQueue, destination.GetProperty("properties").GetProperty("queueName").GetString());

        // The topic's identity may send queue messages to that account and do nothing else.
        Assert.Equal([(MainAccountId, RoleIds.QueueDataMessageSender)], _snapshot.RoleAssignmentsOf(DeploymentSnapshot.Id(topic)));
    }

    [Fact]
    public void Each_identity_holds_the_least_data_plane_roles_its_app_needs()
    {
        // Account-wide: Query reads; Ingest and Skeleton write queues and status (Ingest also blobs).
        var accountRoles = new Dictionary<string, string[]>
        {
            ["ingest"] = [RoleIds.BlobDataContributor, RoleIds.QueueDataContributor, RoleIds.TableDataContributor],
            ["skeleton"] = [RoleIds.BlobDataReader, RoleIds.QueueDataContributor, RoleIds.TableDataContributor],
            ["query"] = [RoleIds.BlobDataReader, RoleIds.TableDataReader],
        };
        string appInsights = DeploymentSnapshot.Id(Assert.Single(_snapshot.OfType("Microsoft.Insights/components")));
        foreach (string key in AppKeys)
        {
            var grants = _snapshot.RoleAssignmentsOf(IdentityOf(_snapshot.Site(key)));
            Assert.Equal(accountRoles[key].Order(), grants.Where(g => g.Scope == MainAccountId).Select(g => g.Role).Order());
            // Writes beyond that only to the Functions host's own containers and the app's package container.
            var containerScopes = grants.Where(g => g.Scope.StartsWith(MainAccountId + "/", StringComparison.Ordinal)).ToList();
            Assert.All(containerScopes, g => Assert.Equal(RoleIds.BlobDataContributor, g.Role));
            Assert.Equal(
                new[] { $"app-package-{key}", "azure-webjobs-hosts", "azure-webjobs-secrets" },
                containerScopes.Select(g => g.Scope.Split('/')[^1]).Order(StringComparer.Ordinal));
            Assert.Equal([(appInsights, RoleIds.MonitoringMetricsPublisher)], grants.Where(g => !g.Scope.StartsWith(MainAccountId, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Lab_members_may_upload_to_the_uploads_container_and_nothing_more()
    {
        // Role assignments to principals named in the parameters (people or groups, not the deployment's identities).
        var people = _snapshot.OfType("Microsoft.Authorization/roleAssignments")
            .Where(r => !r.GetProperty("properties").GetProperty("principalId").GetString()!.StartsWith('['))
            .Select(r => (Id: DeploymentSnapshot.Id(r), Role: r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Split('/')[^1]))
            .ToList();
        Assert.NotEmpty(people);
        string uploads = $"{MainAccountId}/blobServices/default/containers/{PipelineNames.UploadsContainer}/providers/Microsoft.Authorization/roleAssignments/";
        Assert.All(people, p =>
        {
            Assert.StartsWith(uploads, p.Id);
            Assert.Equal(RoleIds.BlobDataContributor, p.Role);
        });
    }

    [Fact]
    public void All_three_apps_mount_the_share_where_PANGY_DATASTORE_points()
    {
        var share = Assert.Single(_snapshot.OfType("Microsoft.Storage/storageAccounts/fileServices/shares"));
        foreach (string key in AppKeys)
        {
            var site = _snapshot.Site(key);
            var mounts = _snapshot.SiteConfig(site, "azurestorageaccounts");
            Assert.True(mounts is not null, $"{key} mounts nothing");
            var mount = Assert.Single(mounts.Value.EnumerateObject()).Value;
            Assert.Equal("AzureFiles", mount.GetProperty("type").GetString());
            Assert.Equal(DeploymentSnapshot.Name(ShareAccount), mount.GetProperty("accountName").GetString());
            Assert.Equal(DeploymentSnapshot.Name(share).Split('/')[^1], mount.GetProperty("shareName").GetString());
            Assert.Equal(PipelineContract.DatastoreMountPath, mount.GetProperty("mountPath").GetString());

            var settings = _snapshot.AppSettings(site);
            Assert.Equal(PipelineContract.DatastoreMountPath, settings["PANGY_DATASTORE"]);
            Assert.Equal(PipelineContract.AssetsContainer, settings["PANGY_ASSETS_CONTAINER"]);
            Assert.False(string.IsNullOrEmpty(settings["PANGY_ASSET_CACHE"]));
        }
    }

    [Fact]
    public void Apps_run_dotnet_isolated_10_on_flex_consumption_with_nothing_always_ready()
    {
        foreach (string key in AppKeys)
        {
            var site = _snapshot.Site(key);
            var config = site.GetProperty("properties").GetProperty("functionAppConfig");
            Assert.Equal("dotnet-isolated", config.GetProperty("runtime").GetProperty("name").GetString());
            Assert.Equal("10.0", config.GetProperty("runtime").GetProperty("version").GetString());
            var scale = config.GetProperty("scaleAndConcurrency");
            Assert.Contains(scale.GetProperty("instanceMemoryMB").GetInt32(), new[] { 2048, 4096 });
            Assert.InRange(scale.GetProperty("maximumInstanceCount").GetInt32(), 1, 1000);
            Assert.Empty(scale.GetProperty("alwaysReady").EnumerateArray());
            Assert.True(site.GetProperty("properties").GetProperty("httpsOnly").GetBoolean());

            string plan = site.GetProperty("properties").GetProperty("serverFarmId").GetString()!;
            var farm = _snapshot.Single("Microsoft.Web/serverfarms", plan.Split('/')[^1]);
            Assert.Equal("FC1", farm.GetProperty("sku").GetProperty("name").GetString());
            // Flex takes its runtime from functionAppConfig and refuses these settings.
            var settings = _snapshot.AppSettings(site);
            Assert.False(settings.ContainsKey("FUNCTIONS_WORKER_RUNTIME"));
            Assert.False(settings.ContainsKey("FUNCTIONS_EXTENSION_VERSION"));
        }
    }

    [Fact]
    public void The_query_app_sits_behind_Entra_sign_in_without_a_client_secret()
    {
        var query = _snapshot.Site("query");
        var auth = _snapshot.SiteConfig(query, "authsettingsV2");
        Assert.True(auth is not null, "the Query app has no authentication settings");
        Assert.True(auth.Value.GetProperty("platform").GetProperty("enabled").GetBoolean());
        var validation = auth.Value.GetProperty("globalValidation");
        Assert.True(validation.GetProperty("requireAuthentication").GetBoolean());
        Assert.Equal("RedirectToLoginPage", validation.GetProperty("unauthenticatedClientAction").GetString());
        var entra = auth.Value.GetProperty("identityProviders").GetProperty("azureActiveDirectory");
        Assert.True(entra.GetProperty("enabled").GetBoolean());
        // The identity signs the client assertion (a federated credential), so there is no secret to keep.
        string secretSetting = entra.GetProperty("registration").GetProperty("clientSecretSettingName").GetString()!;
        Assert.Equal("OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID", secretSetting);
        Assert.Contains($"reference('{IdentityOf(query)}', '2023-01-31').clientId", _snapshot.AppSettings(query)[secretSetting]);

        // The build apps serve no HTTP: nothing to sign in to.
        Assert.Null(_snapshot.SiteConfig(_snapshot.Site("ingest"), "authsettingsV2"));
        Assert.Null(_snapshot.SiteConfig(_snapshot.Site("skeleton"), "authsettingsV2"));
    }

    [Fact]
    public void Outputs_give_the_upload_container_url_and_the_query_base_url()
    {
        Assert.Equal($"[format('{{0}}{{1}}', reference('{MainAccountId}', '2024-01-01').primaryEndpoints.blob, '{PipelineNames.UploadsContainer}')]",
            _snapshot.Outputs.GetProperty("uploadContainerUrl").GetString());
        Assert.Equal($"[format('https://{{0}}', reference('{DeploymentSnapshot.Id(_snapshot.Site("query"))}', '2024-04-01').defaultHostName)]",
            _snapshot.Outputs.GetProperty("queryBaseUrl").GetString());
    }
}
