// The lab's main storage account: uploads, assets, the pipeline's queues, the status table and the app packages.
// Reached only with Entra ID identities: shared-key (and so SAS) access is off.

import { roles } from 'roles.bicep'

@description('Storage account name (3-24 lowercase letters and digits).')
param name string
param location string
param tags object

@description('Blob containers to create.')
param containerNames string[]

@description('The container labs upload to (one of containerNames).')
param uploadsContainerName string

@description('Entra object ids of the users or groups who may upload (Storage Blob Data Contributor on that container).')
param uploaderPrincipalIds string[]

@description('Queues to create.')
param queueNames string[]

@description('Tables to create.')
param tableNames string[]

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource containers 'containers' = [
      for container in containerNames: {
        name: container
        properties: {
          publicAccess: 'None'
        }
      }
    ]
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource queues 'queues' = [
      for queue in queueNames: {
        name: queue
      }
    ]
  }

  resource tableService 'tableServices' = {
    name: 'default'

    resource tables 'tables' = [
      for table in tableNames: {
        name: table
      }
    ]
  }
}

resource uploaders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in uploaderPrincipalIds: {
    name: guid(account::blobService::containers[indexOf(containerNames, uploadsContainerName)].id, principalId, roles.storageBlobDataContributor)
    scope: account::blobService::containers[indexOf(containerNames, uploadsContainerName)]
    properties: {
      principalId: principalId
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    }
  }
]

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
