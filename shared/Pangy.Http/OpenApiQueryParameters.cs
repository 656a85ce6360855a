using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Pangy.Http;

/// <summary>
/// Declares a route's query parameters for the OpenAPI document. The handlers read the query string themselves (so
/// that the Function app and minimal APIs call them alike), which hides the parameters from the document generator.
/// </summary>
public static class OpenApiQueryParameters
{
    /// <summary>Lists <paramref name="names"/> as optional string query parameters of the route.</summary>
    public static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder builder, params string[] names) =>
        builder.WithMetadata(new Names(names));

    /// <summary>Adds the declared parameters to each operation (register with <c>AddOperationTransformer</c>).</summary>
    public static Task Transform(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Names>().FirstOrDefault() is not { } declared) return Task.CompletedTask;
        operation.Parameters ??= [];
        foreach (var name in declared.Values)
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Query, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
        return Task.CompletedTask;
    }

    private sealed record Names(string[] Values);
}
