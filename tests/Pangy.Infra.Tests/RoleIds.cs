namespace Pangy.Infra.Tests;

/// <summary>Built-in Azure role definition ids the deployment grants (the same in every tenant).</summary>
public static class RoleIds
{
    public const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    public const string BlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
    public const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    public const string QueueDataMessageSender = "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a";
    public const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string TableDataReader = "76199698-9eea-4c19-bc75-cec21354ff6a";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
}
