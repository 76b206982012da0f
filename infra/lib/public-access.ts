import { Annotations, Stack, Token } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as route53 from "aws-cdk-lib/aws-route53";
import { Construct } from "constructs";
import { DeploymentConfigError } from "./config-error.ts";

/** How customers reach the shop. Each field is the CDK context of the same name (bin/brewline.ts). */
export type PublicAccessProps = {
  /** An existing ACM certificate, in the stack's region, for the shop's address. */
  certificateArn?: string;
  /** The shop's address, e.g. order.example.com. */
  domainName?: string;
  /** The Route 53 hosted zone that holds domainName: validates a new certificate and gets an alias record to the balancer. */
  hostedZoneId?: string;
  hostedZoneName?: string;
  /** The shop's public address when it is not https://domainName. */
  publicBaseUrl?: string;
  /** Plain HTTP on port 80 with no certificate: for a throwaway test deployment only. */
  allowHttp?: boolean;
};

export type PublicAccess =
  | {
      protocol: "https";
      certificate: acm.ICertificate;
      /** Given only with domainZone: the load-balanced service pattern then adds the alias record. */
      domainName?: string;
      domainZone?: route53.IHostedZone;
      /** undefined: the balancer's own DNS name (known only once the balancer exists). */
      publicBaseUrl?: string;
    }
  | { protocol: "http"; publicBaseUrl?: string };

const CHOOSE_HTTPS =
  "The shop is served over HTTPS only. Pass the certificate as CDK context: either an existing ACM certificate " +
  "(-c certificateArn=arn:aws:acm:<region>:<account>:certificate/<id>, optionally with -c domainName=<its address>), " +
  "or a domain in a Route 53 hosted zone to create and DNS-validate one " +
  "(-c domainName=order.example.com -c hostedZoneId=Z0123456789 -c hostedZoneName=example.com). " +
  "For a throwaway test deployment without TLS only: -c allowHttp=true.";

const ACM_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/;

const bareName = (name: string) => name.trim().toLowerCase().replace(/\.$/, "");

/**
 * Turns the public-access contexts into the listener's protocol and certificate, or stops
 * the synth with a DeploymentConfigError saying what to pass. Creates the DNS-validated
 * certificate (in scope) when a hosted zone is given and no certificate ARN.
 */
export function resolvePublicAccess(scope: Construct, props: PublicAccessProps): PublicAccess {
  const { certificateArn, allowHttp = false } = props;
  const domainName = props.domainName ? bareName(props.domainName) : undefined;
  const zoneName = props.hostedZoneName ? bareName(props.hostedZoneName) : undefined;
  if (Boolean(props.hostedZoneId) !== Boolean(zoneName)) {
    throw new DeploymentConfigError("Pass -c hostedZoneId and -c hostedZoneName together (the zone's id and its name, e.g. Z0123456789 and example.com).");
  }
  if (zoneName && !domainName) {
    throw new DeploymentConfigError("A hosted zone needs the shop's address in it: pass -c domainName=order.example.com as well.");
  }
  if (domainName && zoneName && domainName !== zoneName && !domainName.endsWith(`.${zoneName}`)) {
    throw new DeploymentConfigError(`-c domainName=${domainName} is not inside the hosted zone -c hostedZoneName=${zoneName}.`);
  }
  const publicBaseUrl = props.publicBaseUrl ? parseBaseUrl(props.publicBaseUrl) : undefined;

  if (allowHttp) {
    if (certificateArn || domainName) {
      throw new DeploymentConfigError("-c allowHttp=true is for a deployment without a certificate: drop it, or drop -c certificateArn / -c domainName.");
    }
    return { protocol: "http", publicBaseUrl: publicBaseUrl?.href.replace(/\/$/, "") };
  }
  if (publicBaseUrl && publicBaseUrl.protocol !== "https:") {
    throw new DeploymentConfigError(`-c publicBaseUrl must be an https:// address (got ${publicBaseUrl.href}); plain HTTP needs -c allowHttp=true.`);
  }
  if (!certificateArn && !domainName) throw new DeploymentConfigError(CHOOSE_HTTPS);
  if (!certificateArn && !zoneName) {
    throw new DeploymentConfigError(
      `To create a certificate for ${domainName}, pass its Route 53 zone (-c hostedZoneId=... -c hostedZoneName=...), or pass -c certificateArn of an existing certificate for it.`,
    );
  }

  const zone = zoneName ? route53.HostedZone.fromHostedZoneAttributes(scope, "Zone", { hostedZoneId: props.hostedZoneId!, zoneName }) : undefined;
  let certificate: acm.ICertificate;
  if (certificateArn) {
    const region = ACM_ARN.exec(certificateArn)?.[1];
    if (!region) throw new DeploymentConfigError(`-c certificateArn must be an ACM certificate ARN, arn:aws:acm:<region>:<account>:certificate/<id> (got ${certificateArn}).`);
    const stackRegion = Stack.of(scope).region;
    // An ALB can only use a certificate from its own region; a us-east-1 one made for
    // CloudFront is the usual mix-up, and CloudFormation would only fail mid-deploy.
    if (!Token.isUnresolved(stackRegion) && region !== stackRegion) {
      throw new DeploymentConfigError(`-c certificateArn is in ${region} but the stack deploys to ${stackRegion}: the load balancer needs a certificate from its own region.`);
    }
    certificate = acm.Certificate.fromCertificateArn(scope, "Certificate", certificateArn);
  } else {
    certificate = new acm.Certificate(scope, "Certificate", { domainName: domainName!, validation: acm.CertificateValidation.fromDns(zone) });
  }

  const baseUrl = publicBaseUrl?.href.replace(/\/$/, "") ?? (domainName ? `https://${domainName}` : undefined);
  if (publicBaseUrl && domainName && publicBaseUrl.hostname !== domainName) {
    Annotations.of(scope).addWarningV2(
      "brewline:publicBaseUrlNotDomain",
      `-c publicBaseUrl (${publicBaseUrl.hostname}) is not -c domainName (${domainName}): the certificate and the DNS record are for ${domainName}.`,
    );
  }
  if (!baseUrl) {
    // Links in texts and emails and staff sign-in's origin check use this address, and no
    // certificate covers the balancer's *.elb.amazonaws.com name: browsers would refuse it.
    Annotations.of(scope).addWarningV2(
      "brewline:publicBaseUrlIsBalancer",
      "PUBLIC_BASE_URL is the load balancer's own DNS name, which the certificate does not cover: pass -c domainName=<the certificate's address> or -c publicBaseUrl=https://...",
    );
  }
  return { protocol: "https", certificate, domainName: zone ? domainName : undefined, domainZone: zone, publicBaseUrl: baseUrl };
}

function parseBaseUrl(value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.protocol !== "https:" && url?.protocol !== "http:") {
    throw new DeploymentConfigError(`-c publicBaseUrl is not a web address (got ${value}); e.g. https://order.example.com`);
  }
  return url;
}
