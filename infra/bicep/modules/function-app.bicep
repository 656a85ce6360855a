// One Pangy Function app: isolated worker (.NET 10) on its own Flex Consumption plan, or on a shared Elastic Premium
// plan; a user-assigned identity for every storage connection; the datastore share mounted.

import { datastoreMountPath } from 'contract.bicep'

param name string
param location string
param tags object

@description('Name of the user-assigned identity the app runs as.')
param identityName string

@description('Main storage account: the PangyStorage connection, AzureWebJobsStorage and the package container.')
param storageAccountName string

@description('Container that holds this app\'s deployment package.')
param packageContainerName string

param appInsightsName string

@description('Flex Consumption (a plan of its own) or an existing Elastic Premium plan.')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hosting string

@description('Resource id of the Elastic Premium plan; only with hosting ElasticPremium.')
param premiumPlanId string = ''

@description('Flex instance memory: 2048 MB (1 vCPU) or 4096 MB (2 vCPUs).')
@allowed([
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances per scale group (Flex): "http" or "function:<Name>".')
param alwaysReady {
  name: string
  instanceCount: int
}[]

@description('App settings of this app besides the connections, monitoring and hosting ones.')
param settings object

@description('Storage account that holds the datastore share.')
param datastoreAccountName string

param datastoreShareName string

var flex = hosting == 'FlexConsumption'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource datastoreAccount 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: datastoreAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource flexPlan 'Microsoft.Web/serverfarms@2024-04-01' = if (flex) {
  name: 'plan-${name}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

var packageContainerUrl = '${storage.properties.primaryEndpoints.blob}${packageContainerName}'

// Identity-based connection settings for one connection name (the Functions host's convention).
func storageConnection(connection string, blob string, queue string, table string, clientId string) object => {
  '${connection}__blobServiceUri': blob
  '${connection}__queueServiceUri': queue
  '${connection}__tableServiceUri': table
  '${connection}__credential': 'managedidentity'
  '${connection}__clientId': clientId
}

var endpoints = storage.properties.primaryEndpoints

var commonSettings = union(
  storageConnection('AzureWebJobsStorage', endpoints.blob, endpoints.queue, endpoints.table, identity.properties.clientId),
  storageConnection('PangyStorage', endpoints.blob, endpoints.queue, endpoints.table, identity.properties.clientId),
  {
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
    PANGY_DATASTORE: datastoreMountPath
  }
)

// Flex takes runtime and package from functionAppConfig; Elastic Premium from settings (run from the package blob,
// read with the identity, so no content share and no key is needed).
var premiumSettings = flex
  ? {}
  : {
      FUNCTIONS_EXTENSION_VERSION: '~4'
      FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
      WEBSITE_RUN_FROM_PACKAGE: '${packageContainerUrl}/package.zip'
      WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identity.id
    }

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: flex ? flexPlan.id : premiumPlanId
    httpsOnly: true
    reserved: true
    siteConfig: flex
      ? {
          minTlsVersion: '1.2'
          ftpsState: 'Disabled'
          http20Enabled: true
        }
      : {
          minTlsVersion: '1.2'
          ftpsState: 'Disabled'
          http20Enabled: true
          linuxFxVersion: 'DOTNET-ISOLATED|10.0'
          functionAppScaleLimit: maximumInstanceCount
        }
    functionAppConfig: flex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: packageContainerUrl
              authentication: {
                type: 'UserAssignedIdentity'
                userAssignedIdentityResourceId: identity.id
              }
            }
          }
          scaleAndConcurrency: {
            instanceMemoryMB: instanceMemoryMB
            maximumInstanceCount: maximumInstanceCount
            alwaysReady: alwaysReady
          }
          runtime: {
            name: 'dotnet-isolated'
            version: '10.0'
          }
        }
      : null
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: union(commonSettings, premiumSettings, settings)
  }

  // The datastore share. The SMB mount authenticates with the account key: read here, where it is used, and
  // nowhere else (no parameter, no output, no app setting).
  resource mounts 'config' = {
    name: 'azurestorageaccounts'
    // Both restart the app; one site configuration change at a time avoids a conflict.
    dependsOn: [
      appSettings
    ]
    properties: {
      datastore: {
        type: 'AzureFiles'
        protocol: 'Smb'
        accountName: datastoreAccount.name
        shareName: datastoreShareName
        mountPath: datastoreMountPath
        accessKey: datastoreAccount.listKeys().keys[0].value
      }
    }
  }

  // No basic-auth publishing credentials: deployments authenticate with Entra ID.
  resource scmBasicAuth 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }

  resource ftpBasicAuth 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
