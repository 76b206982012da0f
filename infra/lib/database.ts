import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as rds from "aws-cdk-lib/aws-rds";
import { Construct } from "constructs";

/**
 * RDS PostgreSQL, the source of truth. Credentials are generated into Secrets Manager;
 * the password leaves out characters that would need escaping inside a connection URL,
 * since the containers assemble DATABASE_URL from the secret's fields.
 */
export class Database extends Construct {
  readonly instance: rds.DatabaseInstance;
  readonly secret: rds.DatabaseSecret;
  static readonly NAME = "brewline";

  constructor(scope: Construct, id: string, props: { vpc: ec2.IVpc; multiAz: boolean; instanceType: ec2.InstanceType }) {
    super(scope, id);
    this.secret = new rds.DatabaseSecret(this, "Credentials", {
      username: "brewline",
      excludeCharacters: " %+~`#$&*()|[]{}:;<>?!'/@\"\\=,.^",
    });
    this.instance = new rds.DatabaseInstance(this, "Postgres", {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_18 }),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      instanceType: props.instanceType,
      credentials: rds.Credentials.fromSecret(this.secret),
      databaseName: Database.NAME,
      multiAz: props.multiAz,
      allocatedStorage: 20,
      maxAllocatedStorage: 200,
      storageEncrypted: true,
      backupRetention: Duration.days(7),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
    });
  }
}
