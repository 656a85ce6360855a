// Data-plane roles of one identity on the main storage account: some on the whole account, some on single containers.

param storageAccountName string

@description('Name of the user-assigned identity that gets the roles.')
param identityName string

@description('Role definition ids granted on the whole account.')
param accountRoles string[]

@description('Role definition ids granted on single containers.')
param containerRoles {
  container: string
  role: string
}[]

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = [
  for grant in containerRoles: {
    parent: storage::blobService
    name: grant.container
  }
]

resource onAccount 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in accountRoles: {
    name: guid(storage.id, identity.id, role)
    scope: storage
    properties: {
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

resource onContainer 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (grant, i) in containerRoles: {
    name: guid(containers[i].id, identity.id, grant.role)
    scope: containers[i]
    properties: {
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.role)
    }
  }
]
