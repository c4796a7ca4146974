<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false"
         trimDirectiveWhitespaces="true" import="io.imgfilter.demo.DemoLinks" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="demo" tagdir="/WEB-INF/tags" %>
<c:set var="pageTitle" value="Hidden origin"/>
<c:set var="ctx" value="${pageContext.servletContext}"/>
<c:set var="sample" value="${DemoLinks.sample(ctx)}"/>
<c:set var="base" value="${pageContext.request.contextPath}"/>
<%@ include file="/WEB-INF/jspf/top.jspf" %>
<h1>Hidden origin</h1>
<p class="lead">
  The originals live where no URL reaches them: in this WAR under <code>WEB-INF/originals</code>
  (or in the server directory named by <code>IMAGE_ORIGINALS_DIR</code>, or on the hidden HTTP
  origin named by <code>IMAGE_ORIGIN_URL</code>, which may demand the <code>Authorization</code>
  header in <code>IMAGE_ORIGIN_AUTHORIZATION</code>). The browser only ever
  sees <code>/images/…</code> URLs; the filter reads the original server-side and answers with a
  resized copy. Nothing in the answer — body, headers, error texts — says where the original is.
</p>
<pre class="config">&lt;init-param&gt;
  &lt;param-name&gt;source&lt;/param-name&gt;
  &lt;param-value&gt;${"$"}{env:IMAGE_ORIGIN_URL|env:IMAGE_ORIGINALS_DIR|webapp:/WEB-INF/originals}&lt;/param-value&gt;
&lt;/init-param&gt;
&lt;init-param&gt;
  &lt;param-name&gt;origin-headers&lt;/param-name&gt;
  &lt;param-value&gt;Authorization: ${"$"}{env:IMAGE_ORIGIN_AUTHORIZATION|}&lt;/param-value&gt;
&lt;/init-param&gt;</pre>

<div class="examples">
  <demo:example label="Through the filter" expect="ok" src="${DemoLinks.url(ctx, sample, 'thumb')}">
    The public <code>thumb</code> variant of <c:out value="${sample}"/>.
  </demo:example>
  <demo:example label="The original's own path" expect="fail" src="${base}/WEB-INF/originals/${DemoLinks.encode(sample)}">
    The container never serves <code>WEB-INF</code>.
  </demo:example>
  <demo:example label="Climbing out with ../" expect="fail" src="${base}/images/thumb/%2e%2e/%2e%2e/WEB-INF/web.xml">
    Dot segments in any encoding are refused before the source is asked: some containers (Jetty
    12, Tomcat) refuse this ambiguous URI with 400 before the filter sees it, and the filter
    refuses it (400) in those that let it through. Either way the original stays out of reach.
  </demo:example>
  <demo:example label="Encoded slash" expect="fail" src="${base}/images/thumb/..%2f..%2fetc%2fpasswd">
    So are encoded slashes, backslashes, double encoding and NUL.
  </demo:example>
</div>
<%@ include file="/WEB-INF/jspf/bottom.jspf" %>
