<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false"
         trimDirectiveWhitespaces="true" import="io.imgfilter.demo.DemoLinks" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="demo" tagdir="/WEB-INF/tags" %>
<c:set var="pageTitle" value="Formats and options"/>
<c:set var="ctx" value="${pageContext.servletContext}"/>
<c:set var="sample" value="${DemoLinks.sample(ctx)}"/>
<c:set var="badge" value="${DemoLinks.sampleWithAlpha(ctx)}"/>
<%@ include file="/WEB-INF/jspf/top.jspf" %>
<h1>Formats and options</h1>
<p class="lead">
  Presets and (signed) flexible URLs take the same options: <code>width</code>, <code>height</code>,
  <code>fit</code>, <code>gravity</code>, <code>quality</code>, <code>format</code>,
  <code>background</code> and <code>dpr</code>. With <code>format=auto</code> this browser gets
  WebP if it says it accepts it (the answer carries <code>Vary: Accept</code>), else the original's
  kind: JPEG for photos, PNG for pictures with transparency.
</p>
<h2>Formats</h2>
<div class="examples">
  <demo:example label="format=auto" expect="ok" src="${DemoLinks.flexible(ctx, sample, 'width=300,format=auto')}">WebP here if the browser accepts it.</demo:example>
  <demo:example label="format=webp, transparency kept" expect="ok" src="${DemoLinks.flexible(ctx, badge, 'width=200,format=webp')}"/>
  <demo:example label="format=jpeg, flattened on white" expect="ok" src="${DemoLinks.flexible(ctx, badge, 'width=200,format=jpeg')}"/>
  <demo:example label="quality=20" expect="ok" src="${DemoLinks.flexible(ctx, sample, 'width=300,quality=20')}">Smaller file, visible blocks.</demo:example>
</div>
<h2>Fit, gravity, background</h2>
<div class="examples">
  <demo:example label="fit=scale-down" expect="ok" src="${DemoLinks.flexible(ctx, sample, 'width=200,height=200')}">Inside the box, never enlarged.</demo:example>
  <demo:example label="fit=cover" expect="ok" src="${DemoLinks.flexible(ctx, sample, 'width=200,height=200,fit=cover')}">Fills the box, the overflow cropped.</demo:example>
  <demo:example label="fit=cover, gravity=left" expect="ok" src="${DemoLinks.flexible(ctx, sample, 'width=200,height=200,fit=cover,gravity=left')}">Keeps the left side.</demo:example>
  <demo:example label="fit=pad, background=1f2933" expect="ok" src="${DemoLinks.flexible(ctx, sample, 'width=200,height=200,fit=pad,background=1f2933')}">Fits, then fills the rest.</demo:example>
  <demo:example label="dpr=2" expect="ok" src="${DemoLinks.flexible(ctx, sample, 'width=150,dpr=2')}">300 real pixels for a 150 px slot.</demo:example>
  <demo:example label="gravity=sideways" expect="fail" src="${DemoLinks.flexible(ctx, sample, 'width=200,height=200,fit=cover,gravity=sideways')}">Unknown values are a 400 that says what is allowed.</demo:example>
</div>
<%@ include file="/WEB-INF/jspf/bottom.jspf" %>
