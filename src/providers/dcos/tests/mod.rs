//! Tests of the DC/OS client.
